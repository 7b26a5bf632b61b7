"""The file commands: ``notice import`` (a State Council notice into an arrangement file) and ``check``.

``check`` lists every problem of a file, where the library stops at the first: the library's readers raise
on the first error they meet (which is right for a program loading a file), so this module checks the file's
parts one at a time with those same readers and collects what each says. A contract file: its top-level keys,
its ``[calendar]``, its ``[convention]``, each ``[[clauses]]`` table on its own, then, when every part is
valid alone, the contract as a whole (events, cycles, names), dropping each clause a problem names and
checking again, so that two clauses with unknown events are both reported. An arrangement file: each
``[[year]]`` table and each of its ``[[year.holiday]]`` tables alone, then each year against the calendar
(horizon, weekends, completeness) in order. Every message is the library's own, so a problem reads the same
here as when the file is loaded.
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from slaclock._base.loader import MAX_BYTES, Format, decode, parse_text, read_text
from slaclock._base.show import brief, path_text
from slaclock._cli.output import Style, one_line
from slaclock.errors import CalendarDataError, ContractError, InvalidInputError, SlaclockError

__all__ = ["check", "check_arrangement_data", "check_contract_data", "notice_import"]

T = TypeVar("T")


# -- notice import --------------------------------------------------------------------------------------


def _notice_text(source: str) -> str:
    if source == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        return decode(data, what="the notice on stdin", error=CalendarDataError)
    return read_text(source, what="notice file", error=CalendarDataError)


def notice_import(args: argparse.Namespace, style: Style) -> int:
    """``slaclock notice import NOTICE -o FILE``: the notice's days as an arrangement file."""
    from slaclock._days.arrangement import load_arrangements
    from slaclock._days.importer import arrangement_from_notice

    out = args.output
    if args.notice != "-" and out not in (None, "-") and Path(out).exists() and Path(out).samefile(args.notice):
        raise InvalidInputError(f"-o {path_text(args.output)} is the notice: writing it would overwrite it")
    text = _notice_text(args.notice)
    base = None
    if args.base is not None:
        years = load_arrangements(args.base)
        if len(years) != 1:
            raise InvalidInputError(
                f"--base {path_text(args.base)} holds {len(years)} years; "
                "give a file of the one year the notice changes"
            )
        base = years[0]
    arr = arrangement_from_notice(text, base=base, year=args.year, url=args.url)
    toml = arr.to_toml()
    off, makeup = len(arr.off_days), len(arr.makeup_days)
    summary = (
        f"{arr.region} {arr.year}: {len(arr.holidays)} holidays, {off} days off, {makeup} makeup workdays "
        f"({arr.notice})"
    )
    if args.output in (None, "-"):
        sys.stdout.write(toml)
        print(summary, file=sys.stderr)
        return 0
    Path(args.output).write_text(toml, encoding="utf-8")
    print(f"wrote {args.output}: {summary}")
    return 0


# -- check ----------------------------------------------------------------------------------------------


class _Problems:
    """The problems found so far, each once, in the order found."""

    def __init__(self) -> None:
        self.found: list[str] = []

    def add(self, message: str) -> None:
        if message not in self.found:
            self.found.append(message)

    def attempt(self, run: Callable[[], T], place: str = "") -> T | None:
        try:
            return run()
        except SlaclockError as exc:
            text = one_line(exc)
            self.add(text if not place or text.startswith(place) else f"{place}: {text}")
            return None


def check(args: argparse.Namespace, style: Style) -> int:
    """``slaclock check FILE``: every problem of a contract or arrangement file; exit status 1 if any."""
    path = Path(args.file)
    suffix = path.suffix.lower()
    formats: dict[str, Format] = {".toml": "toml", ".json": "json", ".yaml": "yaml", ".yml": "yaml"}
    if suffix not in formats:
        raise InvalidInputError(
            f"FILE {path_text(path)}: the format is read from the suffix: .toml, .json, .yaml or .yml"
        )
    text = read_text(path, what="file", error=InvalidInputError)  # cannot read: exit status 2
    problems = _Problems()
    data = problems.attempt(lambda: parse_text(text, formats[suffix], what=str(path), error=ContractError))
    kind = "file"
    if not problems.found:  # parsed: ``None`` is a document of nothing (JSON null, an empty YAML file)
        if not isinstance(data, Mapping):
            got = "an empty document" if data is None else type(data).__name__
            problems.add(f"{path}: the top level must be a table; got {got}")
        elif _is_arrangement(data) and suffix != ".yaml" and suffix != ".yml":
            kind = "arrangement file"
            check_arrangement_data(data, str(path), problems)
        else:
            kind = "contract file"
            check_contract_data(data, path, problems)
    if not problems.found:
        print(style.paint(f"{path}: a valid {kind}", "green"))
        return 0
    n = len(problems.found)
    print(style.paint(f"{path}: {n} problem{'s' if n > 1 else ''} in this {kind}", "red", "bold"))
    for message in problems.found:
        print(f"  - {message}")
    return 1


def _is_arrangement(data: Mapping[str, Any]) -> bool:
    return "year" in data or ("region" in data and "clauses" not in data and "name" not in data)


# -- contract files -------------------------------------------------------------------------------------

_STUB_EVENT = "slaclock_check_event"
_STAND_IN = {"region": "CN", "hours": "09:00-18:00"}


def _stub_clause() -> dict[str, Any]:
    return {"name": "slaclock_check_clause", "period": "1日", "starts_on": _STUB_EVENT, "met_by": "slaclock_check_done"}


def check_contract_data(data: Mapping[str, Any], path: Path, problems: _Problems) -> None:
    """Collect every problem of a parsed contract file into ``problems`` (see the module notes).

    Examples
    --------
    >>> from pathlib import Path
    >>> from slaclock._cli.files import _Problems, check_contract_data
    >>> found = _Problems()
    >>> check_contract_data({"name": "x", "clauses": [
    ...     {"name": "a", "period": "1 dya", "starts_on": "received"},
    ...     {"name": "b", "period": "1日", "starts_on": "received", "pauseable": True}]}, Path("x.toml"), found)
    >>> for p in found.found:
    ...     print(p.split(";")[0])
    clauses[0] ('a'): clause 'a', period: cannot read '1 dya' as a period: unknown word 'dya' at position 2
    clauses[1] ('b'): unknown key 'pauseable'
    """
    from slaclock._contracts.calendar_spec import CalendarSpec
    from slaclock._contracts.clause import Clause
    from slaclock._contracts.contract import Contract

    before = len(problems.found)
    # the top level alone: its keys, name, titles, events and schema, with a stand-in clause
    top = {k: v for k, v in data.items() if k not in ("clauses", "calendar", "convention")}
    events = top.get("events", [])
    if isinstance(events, list) and _STUB_EVENT not in events:
        top["events"] = [*events, _STUB_EVENT]
    top["clauses"] = [_stub_clause()]
    problems.attempt(lambda: Contract.from_dict(top), "contract")
    if "clauses" not in data:
        problems.add("contract: missing 'clauses' (at least one [[clauses]] table)")
    if "calendar" in data:
        spec = problems.attempt(lambda: CalendarSpec.from_dict(_in_folder(data["calendar"], path)), "[calendar]")
        if spec is not None:
            problems.attempt(spec.build, "[calendar]")
    if "convention" in data:
        stub = {"name": "x", "events": [_STUB_EVENT], "clauses": [_stub_clause()], "convention": data["convention"]}
        problems.attempt(lambda: Contract.from_dict(stub), "[convention]")
    raw = data.get("clauses")
    clauses: list[Clause] = []
    if raw is not None and not isinstance(raw, list):
        problems.add(f"clauses must be an array of tables ([[clauses]]); got {brief(raw)}")
    elif raw is not None:
        if not raw:
            problems.add("contract: no clauses (give at least one [[clauses]] table)")
        for k, item in enumerate(raw):
            place = f"clauses[{k}]"
            if isinstance(item, Mapping) and isinstance(item.get("name"), str):
                place += f" ({brief(item['name'])})"
            clause = problems.attempt(functools.partial(Clause.from_dict, item, f"clauses[{k}]"), place)
            if clause is not None:
                clauses.append(clause)
    _check_whole(data, path, clauses, problems, whole=len(problems.found) == before)


def _in_folder(table: Any, path: Path) -> Any:
    """A ``[calendar]`` table with its relative arrangement paths read from the contract file's folder, as
    :meth:`Contract.load` reads them."""
    if not isinstance(table, Mapping) or not isinstance(table.get("arrangements"), list):
        return table
    folder = path.parent
    paths = [str(folder / a) if isinstance(a, str) and not Path(a).is_absolute() else a for a in table["arrangements"]]
    return {**table, "arrangements": paths}


def _check_whole(data: Mapping[str, Any], path: Path, clauses: list[Any], problems: _Problems, *, whole: bool) -> None:
    """The contract as a whole; each clause a problem names is dropped (its events kept) and the rest checked again.

    When a part had problems (``whole`` False), the valid clauses are still checked together, on stand-ins for the
    parts that failed (the top level's name and events as far as they are text, a calendar with working hours).
    """
    from slaclock._contracts.contract import Contract

    given = data.get("events", [])
    events = [e for e in given if isinstance(e, str)] if isinstance(given, list) else []
    raw_clauses = data.get("clauses")
    for item in raw_clauses if isinstance(raw_clauses, list) else []:
        # the events a clause that did not parse would add: their clauses are not reported as unknown events
        if isinstance(item, Mapping) and not any(c.name == item.get("name") for c in clauses):
            extension = item.get("extension")
            more = [item.get("met_by"), extension.get("event") if isinstance(extension, Mapping) else None]
            events.extend(e for e in more if isinstance(e, str) and e not in events)
    base: dict[str, Any] = dict(data) if whole else {"name": "contract", "calendar": _STAND_IN}
    kept = list(clauses)
    for _ in range(len(clauses) + 1):
        raw = {**base, "events": events, "clauses": [c.to_dict() for c in kept]}
        if not kept:
            return
        if problems.attempt(functools.partial(Contract.from_dict, raw)) is not None:
            return
        named = set(re.findall(r"clauses? (?:name )?'([^']+)'", problems.found[-1]))
        named |= set(re.findall(r"and '([^']+)'", problems.found[-1]))
        drop = [c for c in kept if c.name in named]
        if not drop:
            return
        for c in drop:
            events.extend(e for e in (c.met_by, *([c.extension.event] if c.extension else [])) if e and e not in events)
        kept = [c for c in kept if c.name not in named]


# -- arrangement files ----------------------------------------------------------------------------------


def check_arrangement_data(data: Mapping[str, Any], source: str, problems: _Problems) -> None:
    """Collect every problem of a parsed arrangement file into ``problems`` (see the module notes)."""
    from slaclock._calendar import calendar
    from slaclock._days.arrangement import parse_arrangements

    top = {k: v for k, v in data.items() if k != "year"}
    years = data.get("year")
    before = len(problems.found)
    if not isinstance(years, list) or not years:
        problems.attempt(lambda: parse_arrangements(data, source=source))
        return
    stub_year = {"year": 2099, "notice": "x", "holiday": [{"name_zh": "x", "name_en": "x", "off": ["2099-01-01"]}]}
    problems.attempt(lambda: parse_arrangements({**top, "year": [stub_year]}, source=source))
    if len(problems.found) > before:
        return  # the region or a top-level key: every year would repeat it
    good: list[Any] = []
    for i, y in enumerate(years):
        here = f"{source}: year[{i}]"
        tag = f"{source}: year[0]"
        first = len(problems.found)
        blocks = y.get("holiday") if isinstance(y, Mapping) else None
        # each holiday table alone (the year's own fields with it), so that a problem in one does not hide the next
        parts: list[tuple[int, Any]] = list(enumerate(blocks)) if isinstance(blocks, list) and blocks else [(-1, None)]
        for j, block in parts:
            one = {**y, "holiday": [block]} if j >= 0 else y
            try:
                parse_arrangements({**top, "year": [one]}, source=source)
            except SlaclockError as exc:
                message = " ".join(str(exc).split()).replace(tag, here, 1)
                if j >= 0:
                    message = message.replace("holiday[0]", f"holiday[{j}]", 1)
                problems.add(message)
        if len(problems.found) == first:
            arr = parse_arrangements({**top, "year": [y]}, source=source)[0]
            if not any(a.year == arr.year for a in good):
                good.append(arr)
            else:
                problems.add(f"{here}: {arr.year} is arranged twice in this file; give each year once")
    if len(problems.found) > before:
        return
    # against the calendar, in order: each year must follow the ones before it
    fitted: list[Any] = []
    for i, arr in enumerate(good):
        built = functools.partial(calendar, arr.region, arrangements=[*fitted, arr])
        if problems.attempt(built, f"{source}: year[{i}]") is not None:
            fitted.append(arr)
