"""Holiday arrangements: one year's days off and makeup workdays, from a notice's text or a small file.

Each November the General Office of the State Council publishes the next year's
arrangement (《国务院办公厅关于YYYY年部分节假日安排的通知》). Until a ``holidays``
release carries it (and slaclock's registry is checked against that release),
users load it themselves: the loaded year is then official for their calendar
and extends its horizon. Three steps, one call each::

    arr = sc.arrangement_from_notice(text)              # the notice as pasted
    Path("cn-2027.toml").write_text(arr.to_toml(), encoding="utf-8")
    cal = sc.calendar("CN", arrangements="cn-2027.toml")  # or a folder of such files

A file looks like this (TOML; JSON has the same structure)::

    region = "CN"

    [[year]]
    year = 2027
    notice = "国务院办公厅关于2027年部分节假日安排的通知"
    published = 2026-11-12                  # optional
    document_number = "国办发明电〔2026〕9号"  # optional
    url = "https://www.gov.cn/..."          # optional

    [[year.change]]                         # optional: notices that changed the year later
    notice = "..."                          # (published, document_number, url as above)

    [[year.holiday]]
    name_zh = "春节"
    name_en = "Spring Festival"
    off = ["2027-02-05..2027-02-12"]        # single days or inclusive ranges A..B
    makeup = ["2027-01-31", "2027-02-20"]   # weekend days that become workdays

Reading a file is strict (:func:`load_arrangements`): unknown or duplicate keys,
text that is not UTF-8, and any date outside the year (or the last week of the
December before it) are refused before a single range is expanded. Whether the
years fit a calendar is checked when it is built (:func:`check_arrangements`):
makeup days are weekend days of a region that has them, no date is both off and
a makeup day or listed twice, years follow the official horizon without gaps,
and every statutory holiday that falls on a weekday is a day off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from os import PathLike
from typing import Any, Final, final

from slaclock._base.instants import as_date
from slaclock._base.loader import MAX_BYTES, parse_text, read_text
from slaclock._base.show import brief, path_text
from slaclock.errors import CalendarDataError

__all__ = [
    "ChangeNotice",
    "HolidayBlock",
    "YearArrangement",
    "load_arrangements",
    "parse_arrangements",
]

REGIONS: Final = ("CN", "HK", "MO", "TW")
"""The regions an arrangement may be for (the built-in calendars)."""

YEARS: Final = range(2000, 2100)
"""The years an arrangement may be for."""

LEAD_DAYS: Final = 7
"""An arrangement may list days in the last week of the December before its year (e.g. 2008's New Year
holiday began on 2007-12-30, and 2007-12-29 was worked in exchange)."""

MAX_FILE_BYTES: Final = MAX_BYTES
"""Arrangement files are a few kB; anything above 1 MiB is the wrong file (the loader's limit)."""

MAX_DAYS: Final = 366 + LEAD_DAYS
"""The most days a year's holidays may list in all (counted before any range is expanded)."""

_MAKEUP_YEARS: Final[dict[str, range]] = {
    "CN": YEARS,
    # Hong Kong and Macau never exchange a holiday for a working weekend day.
    "HK": range(0),
    "MO": range(0),
    # Taiwan's 補班 Saturdays ended with the 2025 calendar (the last: 2025-02-08); there are none from 2026
    # (holidays.Taiwan's weekend_workdays, docs/calendar-data.md).
    "TW": range(YEARS.start, 2026),
}
_NO_MAKEUP: Final = {
    "HK": "Hong Kong has no makeup workdays: its holidays are never exchanged for a working weekend day",
    "MO": "Macau has no makeup workdays: its holidays are never exchanged for a working weekend day",
    "TW": "Taiwan has no makeup workdays (補班) after 2025: the last was 2025-02-08",
}

_TOP_KEYS: Final = ("region", "year")
_YEAR_KEYS: Final = ("year", "notice", "published", "document_number", "url", "change", "holiday")
_CHANGE_KEYS: Final = ("notice", "published", "document_number", "url")
_HOLIDAY_KEYS: Final = ("name_zh", "name_en", "off", "makeup")


# -- values ---------------------------------------------------------------------------------------


@final
@dataclass(frozen=True, slots=True)
class HolidayBlock:
    """One holiday of an arrangement: its names, days off and makeup workdays.

    The days are kept sorted (the constructor sorts them). Days off include the
    weekend days inside the holiday (``2027-01-01..2027-01-03`` for a Friday to a
    Sunday), as the notices count them.

    Parameters
    ----------
    name_zh, name_en : str
        The holiday's names ("春节", "Spring Festival"), non-empty; surrounding blanks are dropped.
    off : dates
        The days off, at least one.
    makeup : dates
        The weekend days worked in exchange (调休上班).

    Raises
    ------
    CalendarDataError
        A blank name, a value that is not a date, or no day off.

    Examples
    --------
    >>> import datetime as dt
    >>> from slaclock import HolidayBlock
    >>> HolidayBlock("劳动节", "Labour Day", (dt.date(2027, 5, 2), dt.date(2027, 5, 1))).off
    (datetime.date(2027, 5, 1), datetime.date(2027, 5, 2))
    """

    name_zh: str
    name_en: str
    off: tuple[dt.date, ...]
    makeup: tuple[dt.date, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "name_zh", _text(self.name_zh, "HolidayBlock name_zh", required=True))
        object.__setattr__(self, "name_en", _text(self.name_en, "HolidayBlock name_en", required=True))
        off = _sorted_dates(self.off, f"{_clip(self.name_en, 40)}: off")
        if not off:
            raise CalendarDataError(f"{_clip(self.name_en, 40)}: a holiday needs at least one day off")
        object.__setattr__(self, "off", off)
        object.__setattr__(self, "makeup", _sorted_dates(self.makeup, f"{_clip(self.name_en, 40)}: makeup"))


@final
@dataclass(frozen=True, slots=True)
class ChangeNotice:
    """A notice that changed a year's arrangement after it was published (a victory day, an extension).

    Parameters
    ----------
    notice : str
        Its title, e.g. "国务院办公厅关于延长2020年春节假期的通知".
    published : date, optional
        Its date, from the signature.
    document_number : str
        Its 文号, e.g. "国办发明电〔2020〕1号", or ``""``.
    url : str
        Where it was read, or ``""``.

    Examples
    --------
    >>> import datetime as dt
    >>> from slaclock._days.arrangement import ChangeNotice
    >>> ChangeNotice("国务院办公厅关于延长2020年春节假期的通知", dt.date(2020, 1, 26)).published
    datetime.date(2020, 1, 26)
    """

    notice: str
    published: dt.date | None = None
    document_number: str = ""
    url: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "notice", _text(self.notice, "ChangeNotice notice", required=True))
        _check_published(self.published, "ChangeNotice published")
        object.__setattr__(self, "document_number", _text(self.document_number, "ChangeNotice document_number"))
        object.__setattr__(self, "url", _text(self.url, "ChangeNotice url"))


@final
@dataclass(frozen=True, slots=True)
class YearArrangement:
    """One year's official holiday arrangement for a region: its holidays and where they were published.

    Build one from a notice's text with :func:`arrangement_from_notice`, read
    files with :func:`load_arrangements`, write one with :meth:`to_toml`, and
    load it into a calendar with ``calendar(region, arrangements=...)``.

    Parameters
    ----------
    region : str
        ``"CN"``, ``"HK"``, ``"MO"`` or ``"TW"``.
    year : int
    notice : str
        The title of the notice that arranged the year.
    published : date, optional
        Its publication date (the signature's), if known.
    holidays : HolidayBlock objects
        At least one.
    url : str
        Where the notice was read, or ``""``.
    document_number : str
        The notice's 文号 (``"国办发明电〔2025〕7号"``), or ``""``.
    changes : ChangeNotice objects
        Later notices that changed the year; ``holidays`` already includes their changes.

    Raises
    ------
    CalendarDataError
        A field of the wrong type, a blank title, or no holiday.

    Examples
    --------
    >>> import datetime as dt, slaclock as sc
    >>> arr = sc.YearArrangement(
    ...     "CN", 2027, "FICTIONAL notice", dt.date(2026, 11, 1),
    ...     (sc.HolidayBlock("端午节", "Dragon Boat Festival", (dt.date(2027, 6, 9),)),),
    ... )
    >>> arr.off_days
    (datetime.date(2027, 6, 9),)
    """

    region: str
    year: int
    notice: str
    published: dt.date | None
    holidays: tuple[HolidayBlock, ...]
    url: str = ""
    document_number: str = ""
    changes: tuple[ChangeNotice, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.region, str) or not self.region:
            raise CalendarDataError(
                f"YearArrangement region must be a region code such as 'CN'; got {brief(self.region)}"
            )
        if not isinstance(self.year, int) or isinstance(self.year, bool):
            raise CalendarDataError(f"YearArrangement year must be an integer; got {brief(self.year)}")
        object.__setattr__(self, "notice", _text(self.notice, "YearArrangement notice", required=True))
        _check_published(self.published, "YearArrangement published")
        holidays = tuple(self.holidays) if isinstance(self.holidays, (list, tuple)) else None
        if not holidays or not all(isinstance(h, HolidayBlock) for h in holidays):
            raise CalendarDataError(
                f"{self.region} {self.year}: holidays must be one or more HolidayBlock objects; "
                f"got {brief(self.holidays)}"
            )
        object.__setattr__(self, "holidays", holidays)
        object.__setattr__(self, "url", _text(self.url, "YearArrangement url"))
        object.__setattr__(self, "document_number", _text(self.document_number, "YearArrangement document_number"))
        changes = tuple(self.changes) if isinstance(self.changes, (list, tuple)) else None
        if changes is None or not all(isinstance(c, ChangeNotice) for c in changes):
            raise CalendarDataError(f"{self.region} {self.year}: changes must be ChangeNotice objects")
        object.__setattr__(self, "changes", changes)

    @property
    def off_days(self) -> tuple[dt.date, ...]:
        """Every day off, sorted."""
        return tuple(sorted(d for h in self.holidays for d in h.off))

    @property
    def makeup_days(self) -> tuple[dt.date, ...]:
        """Every makeup workday, sorted."""
        return tuple(sorted(d for h in self.holidays for d in h.makeup))

    def to_toml(self) -> str:
        """The arrangement as the TOML file that ``calendar(region, arrangements=path)`` loads.

        Consecutive days are written as ranges ``"A..B"``; reading the text back
        with :func:`load_arrangements` (or :func:`parse_arrangements`) gives an
        equal arrangement. Write it as UTF-8.

        Returns
        -------
        str
            The file's text, ending in a newline.

        Examples
        --------
        >>> import datetime as dt, slaclock as sc
        >>> days = tuple(dt.date(2027, 1, d) for d in (1, 2, 3))
        >>> new_year = sc.HolidayBlock("元旦", "New Year's Day", days)
        >>> arr = sc.YearArrangement("CN", 2027, "FICTIONAL notice", None, (new_year,))
        >>> print(arr.to_toml())  # doctest: +NORMALIZE_WHITESPACE
        # A holiday arrangement for slaclock: calendar("CN", arrangements="this file").
        # Check it against the published notice before relying on it.
        region = "CN"
        <BLANKLINE>
        [[year]]
        year = 2027
        notice = "FICTIONAL notice"
        <BLANKLINE>
        [[year.holiday]]
        name_zh = "元旦"
        name_en = "New Year's Day"
        off = ["2027-01-01..2027-01-03"]
        """
        lines = [
            f'# A holiday arrangement for slaclock: calendar({_toml_str(self.region)}, arrangements="this file").',
            "# Check it against the published notice before relying on it.",
            f"region = {_toml_str(self.region)}",
            "",
            "[[year]]",
            f"year = {self.year}",
        ]
        lines += _toml_notice(self.notice, self.published, self.document_number, self.url)
        for change in self.changes:
            lines += ["", "[[year.change]]"]
            lines += _toml_notice(change.notice, change.published, change.document_number, change.url)
        for block in self.holidays:
            lines += [
                "",
                "[[year.holiday]]",
                f"name_zh = {_toml_str(block.name_zh)}",
                f"name_en = {_toml_str(block.name_en)}",
                f"off = {_toml_days(block.off)}",
            ]
            if block.makeup:
                lines.append(f"makeup = {_toml_days(block.makeup)}")
        return "\n".join(lines) + "\n"


# -- reading files ---------------------------------------------------------------------------------


def load_arrangements(path: str | PathLike[str]) -> tuple[YearArrangement, ...]:
    """Read year arrangements from a ``.toml`` or ``.json`` file, or from every such file in a folder.

    Only what a file can say about itself is checked here: its structure (no
    unknown or duplicate keys, every field of its type), UTF-8 text, and every
    date inside its year or the last week of the December before it (checked
    before any range is expanded). Whether the years fit a calendar (horizon,
    weekends, completeness, the region's rules) is checked when the calendar is
    built with ``calendar(region, arrangements=path)``.

    Parameters
    ----------
    path : str or path
        A file, or a folder: then every ``*.toml`` and ``*.json`` file directly in it, in name order
        (names starting with ``.`` are skipped; an empty folder gives no arrangement).

    Returns
    -------
    tuple of YearArrangement
        In the order of the files, and of the years in each.

    Raises
    ------
    CalendarDataError
        A file that cannot be read (missing, a folder, a device or pipe, no
        permission), is not UTF-8, larger than 1 MiB, nested deeper than 32
        levels, not valid TOML/JSON, or has an unknown, duplicate, missing or
        malformed field; the same year twice in one file or folder (the limits
        of :mod:`slaclock._base.loader`).

    Examples
    --------
    >>> import slaclock as sc
    >>> [a.year for a in sc.load_arrangements("tests/fixtures/FICTIONAL-cn-2027.toml")]
    [2027]
    """
    from pathlib import Path

    if not isinstance(path, str | PathLike):
        raise CalendarDataError(f"arrangements must be a file or folder path; got {type(path).__name__} {brief(path)}")
    p = Path(path)
    if p.is_dir():
        try:
            files = sorted(
                f for f in p.iterdir() if f.suffix.lower() in (".toml", ".json") and not f.name.startswith(".")
            )
        except OSError as exc:
            raise CalendarDataError(f"cannot read arrangement folder {path_text(p)}: {exc.strerror}") from exc
        found: list[tuple[YearArrangement, str]] = []
        for f in files:
            if f.is_file():
                found.extend((a, str(f)) for a in _load_file(f))
        return unique_years(found)
    return unique_years([(a, str(p)) for a in _load_file(p)])


def _load_file(p: Any) -> tuple[YearArrangement, ...]:
    """One arrangement file, read by the one loader of untrusted files (:mod:`slaclock._base.loader`)."""
    suffix = p.suffix.lower()
    if suffix not in (".toml", ".json"):
        raise CalendarDataError(f"arrangement file {path_text(p)} must end in .toml or .json")
    what = f"arrangement file {path_text(p)}"
    text = read_text(p, what="arrangement file", error=CalendarDataError)
    raw: Any = parse_text(text, "toml" if suffix == ".toml" else "json", what=what, error=CalendarDataError)
    return parse_arrangements(raw, source=str(p))


def parse_arrangements(raw: Mapping[str, Any], *, source: str = "<data>") -> tuple[YearArrangement, ...]:
    """Build year arrangements from already-parsed TOML/JSON data (the layout in the module doc).

    Checks what :func:`load_arrangements` checks, except the file itself.

    Parameters
    ----------
    raw : mapping
        The parsed document: ``region`` and a list ``year`` of tables.
    source : str
        Names the data in error messages.

    Returns
    -------
    tuple of YearArrangement

    Raises
    ------
    CalendarDataError
        An unknown, missing or malformed field, a date outside its year, the same year twice.

    Examples
    --------
    >>> import tomllib, slaclock as sc
    >>> from slaclock._days.arrangement import parse_arrangements
    >>> text = '''region = "CN"
    ... [[year]]
    ... year = 2027
    ... notice = "FICTIONAL notice"
    ... [[year.holiday]]
    ... name_zh = "元旦"
    ... name_en = "New Year's Day"
    ... makup = ["2027-01-04"]
    ... off = ["2027-01-01..2027-01-03"]'''
    >>> parse_arrangements(tomllib.loads(text))
    Traceback (most recent call last):
    ...
    slaclock.errors.CalendarDataError: <data>: year[0] (2027) holiday[0]: unknown key 'makup'; did you mean ...
    """
    if not isinstance(raw, Mapping):
        raise CalendarDataError(f"{source}: the top level must be a table/object, got {type(raw).__name__}")
    _keys(raw, source, _TOP_KEYS)
    region = raw.get("region")
    if not isinstance(region, str) or not region:
        raise CalendarDataError(f'{source}: missing top-level `region` (e.g. region = "CN")')
    if region.upper() not in REGIONS:
        raise CalendarDataError(f"{source}: region {brief(region)} is not one of {', '.join(REGIONS)}")
    years = raw.get("year")
    if not isinstance(years, list) or not years:
        raise CalendarDataError(f"{source}: expected at least one [[year]] table")
    out = tuple(_parse_year(region.upper(), y, f"{source}: year[{i}]") for i, y in enumerate(years))
    unique_years([(a, f"{source}: year[{i}]") for i, a in enumerate(out)])
    return out


def _parse_year(region: str, raw: Any, where: str) -> YearArrangement:
    if not isinstance(raw, Mapping):
        raise CalendarDataError(f"{where}: must be a table/object, got {brief(raw)}")
    year = raw.get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        raise CalendarDataError(f"{where}: `year` must be an integer, got {brief(year)}")
    if year not in YEARS:
        raise CalendarDataError(f"{where}: `year` {year} is outside {YEARS.start}..{YEARS.stop - 1}")
    where = f"{where} ({year})"
    _keys(raw, where, _YEAR_KEYS)
    notice, published, number, url = _notice_fields(raw, where, year)
    changes_raw = raw.get("change", [])
    if not isinstance(changes_raw, list):
        raise CalendarDataError(f"{where}: `change` must be a list of [[year.change]] tables")
    changes = []
    for k, item in enumerate(changes_raw):
        at = f"{where} change[{k}]"
        if not isinstance(item, Mapping):
            raise CalendarDataError(f"{at}: must be a table/object, got {brief(item)}")
        _keys(item, at, _CHANGE_KEYS)
        changes.append(ChangeNotice(*_notice_fields(item, at, year)))
    blocks = raw.get("holiday")
    if not isinstance(blocks, list) or not blocks:
        raise CalendarDataError(f"{where}: expected [[year.holiday]] tables listing the days off")
    budget = [MAX_DAYS]
    holidays = tuple(_parse_block(b, f"{where} holiday[{j}]", year, budget) for j, b in enumerate(blocks))
    return YearArrangement(region, year, notice, published, holidays, url, number, tuple(changes))


def _notice_fields(raw: Mapping[str, Any], where: str, year: int) -> tuple[str, dt.date | None, str, str]:
    notice = raw.get("notice")
    if not isinstance(notice, str) or not notice.strip():
        raise CalendarDataError(f"{where}: `notice` must name the official notice")
    published = raw.get("published")
    if published is not None:
        published = _one_date(published, f"{where}: `published`")
    out = [notice]
    for key in ("document_number", "url"):
        value = raw.get(key, "")
        if not isinstance(value, str):
            raise CalendarDataError(f"{where}: `{key}` must be a string, got {brief(value)}")
        out.append(value)
    return out[0], published, out[1], out[2]


def _parse_block(raw: Any, where: str, year: int, budget: list[int]) -> HolidayBlock:
    if not isinstance(raw, Mapping):
        raise CalendarDataError(f"{where}: must be a table/object, got {brief(raw)}")
    _keys(raw, where, _HOLIDAY_KEYS)
    names = []
    for key in ("name_zh", "name_en"):
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            raise CalendarDataError(f"{where}: `{key}` must be a non-empty string")
        names.append(value)
    tag = f"{where} ({_clip(names[1].strip(), 40)})"
    if "off" not in raw:
        raise CalendarDataError(f"{tag}: missing `off`, the days off")
    off = _dates(raw["off"], f"{tag}: `off`", year, budget)
    if not off:
        raise CalendarDataError(f"{tag}: `off` lists no day")
    makeup = _dates(raw.get("makeup", []), f"{tag}: `makeup`", year, budget)
    return HolidayBlock(names[0], names[1], off, makeup)


def _keys(raw: Mapping[Any, Any], where: str, allowed: tuple[str, ...]) -> None:
    for key in raw:
        if key not in allowed:
            import difflib

            close = difflib.get_close_matches(str(key), allowed, n=1) if len(str(key)) <= 100 else []
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise CalendarDataError(f"{where}: unknown key {brief(key)}{hint} (valid keys: {', '.join(allowed)})")


def _window(year: int) -> tuple[dt.date, dt.date]:
    """The days an arrangement of ``year`` may list: the year, and the last week of the December before it."""
    return dt.date(year - 1, 12, 32 - LEAD_DAYS), dt.date(year, 12, 31)


def _dates(raw: Any, where: str, year: int, budget: list[int]) -> tuple[dt.date, ...]:
    """The listed days, bounded before anything is expanded.

    Each date must lie within a year of ``year`` (the exact window, the year and the last week before it, is
    checked with the calendar, after the horizon), and the year's blocks may list at most ``MAX_DAYS`` days in
    all (``budget`` holds what is left): a few hundred bytes cannot make millions of dates.
    """
    if not isinstance(raw, list):
        raise CalendarDataError(f"{where} must be a list of dates or 'A..B' ranges, got {brief(raw)}")
    lo, hi = dt.date(year - 1, 1, 1), dt.date(year + 1, 12, 31)
    out: list[dt.date] = []
    for item in raw:
        if isinstance(item, str) and ".." in item:
            a_text, b_text = item.split("..", 1)
            a, b = _one_date(a_text, where), _one_date(b_text, where)
            if b < a:
                raise CalendarDataError(f"{where}: range {brief(item)} ends before it starts")
            if a < lo or b > hi:
                raise CalendarDataError(
                    f"{where}: range {brief(item)} reaches far outside {year} (a {year} arrangement lists days of "
                    f"{year}, and at most the last week of {year - 1})"
                )
            n = (b - a).days + 1
        else:
            a = _one_date(item, where)
            if not lo <= a <= hi:
                raise CalendarDataError(f"{where}: {a.isoformat()} lies outside {year} and the year around it")
            n = 1
        budget[0] -= n
        if budget[0] < 0:
            raise CalendarDataError(
                f"{where}: the holidays of {year} list more than {MAX_DAYS} days in all (at {brief(item)}); "
                "a year has at most 366, and may add the last week of the December before it"
            )
        out.extend(a + dt.timedelta(days=k) for k in range(n))
    return tuple(out)


def _one_date(raw: Any, where: str) -> dt.date:
    """A day of a data file: a ``date`` or ISO text (:func:`slaclock._base.instants.as_date`), not a date-time."""
    if isinstance(raw, dt.datetime):
        raise CalendarDataError(f"{where}: expected a date, got the date-time {brief(raw)}")
    day = as_date(raw) if isinstance(raw, dt.date) or (isinstance(raw, str) and len(raw) <= 40) else None
    if day is None:
        raise CalendarDataError(f"{where}: {brief(raw)} is not an ISO date (YYYY-MM-DD)")
    return day


def unique_years(found: list[tuple[YearArrangement, str]]) -> tuple[YearArrangement, ...]:
    """The arrangements, refusing a region's year given twice (naming both places)."""
    first: dict[tuple[str, int], str] = {}
    for arr, where in found:
        key = (arr.region, arr.year)
        if key in first:
            raise CalendarDataError(
                f"{arr.region} {arr.year} is arranged twice: in {first[key]} and in {where}; give each year once "
                "(a notice that changes a year goes into that year's arrangement: arrangement_from_notice(..., base=))"
            )
        first[key] = where
    return tuple(arr for arr, _ in found)


# -- checking against a calendar -------------------------------------------------------------------


def check_arrangements(
    arrangements: Iterable[YearArrangement],
    *,
    region: str,
    official_last: dt.date,
    weekmask: tuple[bool, ...],
    statutory: Mapping[int, Mapping[dt.date, str]],
) -> None:
    """Check that arrangements fit a calendar; raise ``CalendarDataError`` naming the problem.

    ``statutory`` maps each arranged year to its statutory holidays by rule
    (empty for a year whose completeness is not checked). Days in the last week
    of the December before an arrangement's year are accepted: they override the
    calendar's data for those days, since the newer notice is the authority.
    """
    expected_year = official_last.year + 1
    years: set[int] = set()
    for arr in arrangements:
        tag = f"{_clip(arr.region, 10)} {arr.year} arrangement ({_clip(arr.notice, 60)})"
        if arr.region != region:
            raise CalendarDataError(f"{tag} is for region {brief(arr.region)}, but the calendar is {brief(region)}")
        if arr.year in years:
            raise CalendarDataError(f"{tag}: {arr.year} is arranged twice; give each year once")
        years.add(arr.year)
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
        lo, hi = _window(arr.year)
        seen: dict[dt.date, str] = {}
        for block in arr.holidays:
            if block.makeup and arr.year not in _MAKEUP_YEARS.get(region, YEARS):
                raise CalendarDataError(
                    f"{tag}: {_clip(block.name_en, 40)} lists makeup workdays ({_day_list(block.makeup)}), but "
                    f"{_NO_MAKEUP[region]} (is it a mainland file?)"
                )
            for d, role in [(d, "off") for d in block.off] + [(d, "makeup") for d in block.makeup]:
                if not lo <= d <= hi:
                    raise CalendarDataError(
                        f"{tag}: {_clip(block.name_en, 40)} lists {d.isoformat()}, outside {arr.year} (an arrangement "
                        f"may list days from {lo.isoformat()}, the last week of the December before its year)"
                    )
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


# -- small helpers ---------------------------------------------------------------------------------


def _clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters for a message, anything unprintable (direction controls) escaped."""
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


MAX_TEXT: Final = 2_000
"""The longest title, name, URL or 文号 an arrangement holds: a notice's title is under 100 characters, and each
field is in reprs and messages."""


def _text(value: object, what: str, *, required: bool = False) -> str:
    if not isinstance(value, str):
        raise CalendarDataError(f"{what} must be a string; got {brief(value)}")
    value = str(value).strip()
    if required and not value:
        raise CalendarDataError(f"{what} must not be empty")
    if len(value) > MAX_TEXT:
        raise CalendarDataError(f"{what} of {len(value):,} characters is longer than {MAX_TEXT:,}: {brief(value)}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise CalendarDataError(
            f"{what} holds a lone surrogate and cannot be written to a file: {brief(value)}"
        ) from None
    return value


def _check_published(value: object, what: str) -> None:
    if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        raise CalendarDataError(f"{what} must be a date or None; got {brief(value)}")


def _sorted_dates(values: object, what: str) -> tuple[dt.date, ...]:
    if not isinstance(values, (list, tuple)):
        raise CalendarDataError(f"{what} must be a tuple of dates; got {brief(values)}")
    for v in values:
        if not isinstance(v, dt.date) or isinstance(v, dt.datetime):
            raise CalendarDataError(f"{what}: {brief(v)} is not a date")
    return tuple(sorted(values))


def _day_list(days: tuple[dt.date, ...], limit: int = 4) -> str:
    shown = ", ".join(d.isoformat() for d in days[:limit])
    return shown + (f" and {len(days) - limit} more" if len(days) > limit else "")


def _toml_str(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = ['"']
    for ch in value:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _toml_notice(notice: str, published: dt.date | None, number: str, url: str) -> list[str]:
    lines = [f"notice = {_toml_str(notice)}"]
    if published is not None:
        lines.append(f"published = {published.isoformat()}")
    if number:
        lines.append(f"document_number = {_toml_str(number)}")
    if url:
        lines.append(f"url = {_toml_str(url)}")
    return lines


def _toml_days(days: tuple[dt.date, ...]) -> str:
    """Sorted days as a TOML list, runs of consecutive days as ``"A..B"`` ranges."""
    items: list[str] = []
    k = 0
    while k < len(days):
        j = k
        while j + 1 < len(days) and days[j + 1] == days[j] + dt.timedelta(days=1):
            j += 1
        first, last = days[k].isoformat(), days[j].isoformat()
        items.append(f'"{first}"' if j == k else f'"{first}..{last}"')
        k = j + 1
    return "[" + ", ".join(items) + "]"
