"""Contract files: the formats (TOML, JSON, YAML) by suffix, PyYAML on demand, and a TOML writer.

``tomllib`` reads TOML but cannot write it: :func:`_toml_document` writes exactly
the shapes :meth:`Contract.to_dict <slaclock.Contract.to_dict>` emits (nested dicts
of str, int, float, bool and lists).
"""

from __future__ import annotations

import importlib
import math
import re
from collections.abc import Mapping
from typing import Any, Final, Literal, TypeAlias

from slaclock.errors import ContractError

FileFormat: TypeAlias = Literal["toml", "json", "yaml"]

_SUFFIXES: Final[dict[str, FileFormat]] = {".toml": "toml", ".json": "json", ".yaml": "yaml", ".yml": "yaml"}
_YAML_HINT: Final = 'YAML contracts need PyYAML: pip install "slaclock[yaml]"'


def _yaml() -> Any:
    try:
        return importlib.import_module("yaml")
    except ModuleNotFoundError:
        raise ModuleNotFoundError(_YAML_HINT, name="yaml") from None


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
            raise ContractError(f"cannot write {value!r} to TOML")
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise ContractError(f"cannot write {type(value).__name__} {value!r} to TOML")
