"""Contract files: reading and writing TOML, JSON and YAML (the format by suffix or text, PyYAML on demand), and
a convention as the plain values a file holds (a preset's name, or a table of the switches that differ).

Files and text are read by :mod:`slaclock._base.loader`, the one loader of untrusted documents: at most
1 MiB, nested at most 32 deep, no key twice, YAML safe and its aliases bounded, every failure a
:class:`~slaclock.ContractError` (a missing file a :class:`ContractFileNotFoundError`, which is also a
``FileNotFoundError``).

``tomllib`` reads TOML but cannot write it: :func:`_toml_document` writes exactly
the shapes :meth:`Contract.to_dict <slaclock.Contract.to_dict>` emits (nested dicts
of str, int, float, bool and lists).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import json
import math
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final, Literal, TypeAlias

from slaclock._base.loader import decode, parse_text, read_text
from slaclock._base.show import brief, path_text
from slaclock._contracts.checks import _check_keys, _suggest
from slaclock._periods.convention import Convention
from slaclock.errors import ContractError, InvalidInputError

FileFormat: TypeAlias = Literal["toml", "json", "yaml"]

_SUFFIXES: Final[dict[str, FileFormat]] = {".toml": "toml", ".json": "json", ".yaml": "yaml", ".yml": "yaml"}
_YAML_HINT: Final = 'YAML contracts need PyYAML: pip install "slaclock[yaml]"'


class ContractFileNotFoundError(ContractError, FileNotFoundError):
    """There is no contract file at the path given: a :class:`~slaclock.ContractError` and a ``FileNotFoundError``."""


def _yaml() -> Any:
    try:
        return importlib.import_module("yaml")
    except ModuleNotFoundError:
        raise ModuleNotFoundError(_YAML_HINT, name="yaml") from None


# -- reading ----------------------------------------------------------------------------------------


def _read_source(source: object, format: FileFormat | None) -> tuple[str, FileFormat, Path | None]:
    """A contract's text, its format and the file it came from (None for text), for :meth:`Contract.load`.

    ``source`` is a path, or the text itself: a string holding a line break, or starting with ``{``, is text
    (JSON if it starts with ``{``, else TOML). ``format`` overrides the guess from the suffix or the text.
    """
    if format is not None and format not in _SUFFIXES.values():
        raise ContractError(f"format must be 'toml', 'json' or 'yaml'; got {brief(format)}")
    path: Path | None = None
    fmt: FileFormat
    if isinstance(source, str) and ("\n" in source or source.lstrip().startswith("{")):
        text = source
        fmt = format or ("json" if source.lstrip().startswith("{") else "toml")
    elif isinstance(source, str | os.PathLike):
        path = Path(source)
        fmt_ = format or _SUFFIXES.get(path.suffix.lower())
        if fmt_ is None:
            raise ContractError(
                f"cannot tell the format of {path_text(path)} from its suffix; name it .toml, .json or .yaml, "
                "or pass format="
            )
        fmt = fmt_
        text = read_text(path, what="contract file", error=ContractError, missing=_missing)
    else:
        raise ContractError(f"expected a path or a contract's text; got {type(source).__name__} {brief(source)}")
    return text, fmt, path


def _missing(shown: str) -> ContractFileNotFoundError:
    return ContractFileNotFoundError(
        f"no contract file {shown}; to read a contract from text, use Contract.from_toml(text) or "
        "Contract.from_json(text)"
    )


def _target_format(target: Path) -> FileFormat:
    """The format a file to write is in, by its suffix."""
    fmt = _SUFFIXES.get(target.suffix.lower())
    if fmt is None:
        raise ContractError(f"cannot tell the format of {path_text(target)}; name it .toml, .json or .yaml")
    return fmt


def _read_toml(text: str) -> dict[str, Any]:
    data: dict[str, Any] = parse_text(text, "toml", what="contract", error=ContractError, invalid="not a TOML contract")
    return data


def _read_json(text: str | bytes) -> dict[str, Any]:
    if isinstance(text, bytes | bytearray):
        text = decode(bytes(text), what="contract JSON", error=ContractError)
    data = parse_text(text, "json", what="contract", error=ContractError, invalid="not a JSON contract")
    if not isinstance(data, dict):
        raise ContractError(f"a JSON contract is an object; got {type(data).__name__}")
    return data


def _read_yaml(text: str) -> dict[str, Any]:
    """YAML read safely (needs PyYAML): no Python tags, aliases bounded, no key twice."""
    _yaml()  # the install hint first
    data = parse_text(text, "yaml", what="contract", error=ContractError, invalid="not a YAML contract")
    if not isinstance(data, dict):
        raise ContractError(f"a YAML contract is a mapping; got {type(data).__name__}")
    return data


# -- writing ----------------------------------------------------------------------------------------


def _json_text(data: Mapping[str, Any], indent: int | None) -> str:
    """JSON with Chinese written as is, not escaped."""
    return json.dumps(data, ensure_ascii=False, indent=indent) + "\n"


def _yaml_text(data: Mapping[str, Any]) -> str:
    """YAML (needs PyYAML), strings that PyYAML would read back changed double-quoted."""
    yaml = _yaml()

    class Dumper(yaml.SafeDumper):  # type: ignore[misc,name-defined]
        pass

    def text(dumper: Any, value: str) -> Any:
        # PyYAML reads raw line separators (NEL, U+2028) and other unprintables in plain or single-quoted
        # scalars back changed; double quotes escape them.
        quoted = not all(ch.isprintable() and ch not in "\x85\u2028\u2029" for ch in value)
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if quoted else None)

    Dumper.add_representer(str, text)
    dumped: str = yaml.dump(dict(data), Dumper=Dumper, allow_unicode=True, sort_keys=False)
    return dumped


# -- a TOML writer for the shapes to_dict emits ---------------------------------------------------

_BARE_KEY: Final = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES: Final = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _toml_document(doc: Mapping[str, Any]) -> str:
    """TOML for nested dicts of str, int, float, bool and lists: dicts become tables, lists of dicts arrays of tables.

    Inside an array-of-tables element, a dict is written inline (``extension = { … }``), and a list of dicts
    as a nested array of tables (``[[calendar.arrangements.holiday]]``).
    """
    lines: list[str] = []
    _toml_table(doc, (), lines)
    return "\n".join(lines).lstrip("\n") + "\n"


def _toml_table(table: Mapping[str, Any], path: tuple[str, ...], lines: list[str]) -> None:
    def nested(value: object) -> bool:
        return isinstance(value, Mapping) or (
            isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)
        )

    for key, value in table.items():
        if not nested(value):
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    for key, value in table.items():
        if not nested(value):
            continue
        header = ".".join(_toml_key(k) for k in (*path, key))
        if isinstance(value, Mapping):
            lines += ["", f"[{header}]"]
            _toml_table(value, (*path, key), lines)
        else:
            for item in value:
                lines += ["", f"[[{header}]]"]
                _toml_element(item, (*path, key), lines)


def _toml_element(item: Mapping[str, Any], path: tuple[str, ...], lines: list[str]) -> None:
    """One element of an array of tables: its dicts inline, its lists of dicts as nested arrays of tables."""

    def tables(value: object) -> bool:
        return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)

    lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in item.items() if not tables(v)]
    for key, value in item.items():
        if tables(value):
            header = ".".join(_toml_key(k) for k in (*path, key))
            for sub in value:
                lines += ["", f"[[{header}]]"]
                _toml_element(sub, (*path, key), lines)


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _toml_string(key)


def _toml_string(text: str) -> str:
    out = []
    for ch in text:
        escaped = _ESCAPES.get(ch)
        if escaped is not None:
            out.append(escaped)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ContractError(f"cannot write {brief(value)} to TOML")
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise ContractError(f"cannot write {type(value).__name__} {brief(value)} to TOML")


_PRESETS: Final = ("civil_code", "business_hours", "deemed_receipt", "notice_on_workday", "no_rollover")


# -- Convention as plain values ---------------------------------------------------------------------


def _convention_to_dict(conv: Convention) -> dict[str, Any]:
    out: dict[str, Any] = {"name": conv.name}
    default = Convention()
    for f in dataclasses.fields(conv)[1:]:
        value = getattr(conv, f.name)
        if value != getattr(default, f.name):
            out[f.name] = _time_text(value) if isinstance(value, dt.time) else value
    return out


def _time_text(t: dt.time) -> str:
    return t.isoformat(timespec="minutes" if not (t.second or t.microsecond) else "auto")


def _convention(value: object, where: str = "convention") -> Convention:
    if value is None:
        return Convention.civil_code()
    if isinstance(value, Convention):
        return value
    if isinstance(value, str):
        if value not in _PRESETS:
            raise ContractError(
                f"{where} {brief(value)} is not a preset{_suggest(value, _PRESETS)} (presets: {', '.join(_PRESETS)}); "
                "write the switches as a table for any other"
            )
        preset: Convention = getattr(Convention, value)()
        return preset
    if not isinstance(value, Mapping):
        raise ContractError(f"{where} must be a Convention, a preset name or a table of switches; got {brief(value)}")
    names = tuple(f.name for f in dataclasses.fields(Convention))
    _check_keys(value, where, required=(), allowed=names)
    try:
        return Convention(**value)
    except InvalidInputError as exc:
        hint = " (in YAML, quote times: '17:30')" if any(type(v) is int for v in value.values()) else ""
        raise ContractError(f"{where}: {exc}{hint}") from None
