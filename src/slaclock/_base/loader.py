"""The one loader of untrusted documents: TOML, JSON and YAML, from files or text, bounded and strict.

Contracts and arrangement files are read here, and only here. Whatever a file holds, reading it takes
bounded time and memory and fails with the caller's :class:`~slaclock.SlaclockError` (``error=``), never
with a builtin exception:

- **size**: a file is read through at most :data:`MAX_BYTES` + 1 bytes (so a symlink to ``/dev/zero`` or
  a huge file is refused without reading it all), and only a regular file is read (not a device, pipe or
  folder); text given directly may hold at most :data:`MAX_BYTES` characters;
- **nesting**: arrays and tables nest at most :data:`MAX_DEPTH` deep, checked *before* the parser runs
  (the parsers recurse, and 1,000 nested brackets would raise ``RecursionError``);
- **keys**: a key given twice in one JSON object or YAML mapping is refused, naming it (TOML refuses
  them itself), instead of the last one silently winning;
- **YAML** is read with PyYAML's safe loader (no tags that build Python objects), and its anchors and
  aliases are bounded: a document may hold at most :data:`MAX_NODES` values counting each alias as the
  copy it stands for, and an alias may not refer to the node that holds it. A 500-byte "billion laughs"
  file is refused after reading a few hundred events;
- text that is not UTF-8, a missing file, a folder, a NUL character in the path and permission errors are
  typed errors naming the path (briefly, :func:`~slaclock._base.show.brief`).

Unicode direction controls (U+202A..U+202E, U+2066..U+2069) in values are kept: they are text. They cannot
enter the fields that are computed with (names, events, periods, dates are read strictly), and error
messages show them escaped (``'\\u202e'``), since :func:`~slaclock._base.show.brief` is a ``repr``.

Maintainer's notes: the depth pre-scans are regular expressions that skip strings (and TOML comments) and
count the brackets left; each string pattern is possessive and its closing quote optional, so an
unterminated string is one match to the end of the text, never a rescan from every quote (linear). A
mismatch between the scan and the real grammar can only count brackets that are inside strings (a false
"too deep" for a string holding more than :data:`MAX_DEPTH` unbalanced brackets, which no contract has),
never miss real ones. The YAML bounds are checked on the event stream (``yaml.parse``: the parser keeps an
explicit stack, it does not recurse) before anything is composed.
"""

from __future__ import annotations

import importlib
import os
import re
import stat
from collections.abc import Callable, Iterator
from itertools import accumulate
from typing import Any, Final, Literal, TypeAlias

from slaclock._base.show import brief, path_text
from slaclock.errors import SlaclockError

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "Format", "decode", "parse_text", "read_text", "yaml_module"]

Format: TypeAlias = Literal["toml", "json", "yaml"]

MAX_BYTES: Final = 1 << 20
"""The largest file read, 1 MiB (1,048,576 bytes; for text given directly, characters). Contracts and
arrangement files are a few kB."""

MAX_DEPTH: Final = 32
"""The deepest nesting of arrays and tables (the top-level table is level 1); contracts use about 6."""

MAX_NODES: Final = 100_000
"""The most values a YAML document may hold once its aliases are counted as the copies they stand for."""

_YAML_HINT: Final = 'YAML files need PyYAML: pip install "slaclock[yaml]"'
_MESSAGE: Final = 300  # a parser's own message is cut to this many characters


class _RefusedError(Exception):
    """Raised inside a parser's hooks; :func:`parse_text` turns it into the caller's error."""


# -- files ------------------------------------------------------------------------------------------


def read_text(
    path: object,
    *,
    what: str,
    error: type[SlaclockError],
    missing: Callable[[str], Exception] | None = None,
) -> str:
    """The UTF-8 text of a regular file of at most :data:`MAX_BYTES` bytes (a leading BOM dropped).

    Parameters
    ----------
    path : str or path
    what : str
        Names the file in messages ("contract file", "arrangement file").
    error : SlaclockError subclass
        Raised for every failure.
    missing : callable, optional
        Makes the error raised when there is no such file, from the path as messages show it (default:
        ``error`` saying "cannot read <what> <path>: no such file").

    Raises
    ------
    error
        A path that is not text or holds a NUL character, a folder, a device or pipe, a file that cannot be
        opened (permissions), one larger than :data:`MAX_BYTES`, or text that is not UTF-8.

    Examples
    --------
    >>> from slaclock.errors import ContractError
    >>> read_text("tests/fixtures/FICTIONAL-cn-2027.toml", what="file", error=ContractError)[:11]
    '# FICTIONAL'
    >>> read_text("no\\x00file.toml", what="contract file", error=ContractError)
    Traceback (most recent call last):
    ...
    slaclock.errors.ContractError: contract file path 'no\\x00file.toml' holds a NUL character; no file can be named so
    """
    name = os.fspath(path) if isinstance(path, str | os.PathLike) else path
    if not isinstance(name, str):
        raise error(f"{what} path must be text or a path; got {type(path).__name__} {brief(path)}")
    shown = path_text(name)
    if "\x00" in name:
        raise error(f"{what} path {shown} holds a NUL character; no file can be named so")
    try:
        # O_NONBLOCK: opening a pipe without a writer must not wait; it is refused below as not a regular file.
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        if missing is not None:
            raise missing(shown) from None
        raise error(f"cannot read {what} {shown}: no such file") from None
    except IsADirectoryError:
        raise error(f"{what} {shown} is a folder, not a file") from None
    except PermissionError:
        raise error(f"cannot read {what} {shown}: permission denied") from None
    except OSError as exc:
        raise error(f"cannot read {what} {shown}: {exc.strerror or type(exc).__name__}") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise error(f"{what} {shown} is a folder, not a file")
        if not stat.S_ISREG(mode):
            raise error(f"{what} {shown} is not a regular file (a device, pipe or socket); save it as a file")
        data = _read_at_most(fd, MAX_BYTES + 1)
    except OSError as exc:
        raise error(f"cannot read {what} {shown}: {exc.strerror or type(exc).__name__}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise error(f"{what} {shown} is over 1 MiB (the limit is {MAX_BYTES:,} bytes); is it the right file?")
    return decode(data, what=f"{what} {shown}", error=error)


def _read_at_most(fd: int, limit: int) -> bytes:
    """At most ``limit`` bytes of an open file: a file that grows while it is read cannot make it read more."""
    chunks: list[bytes] = []
    left = limit
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 16))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def decode(data: bytes, *, what: str, error: type[SlaclockError]) -> str:
    """``data`` as UTF-8 (a leading BOM dropped), at most :data:`MAX_BYTES` bytes.

    >>> from slaclock.errors import ContractError
    >>> decode(b'name = "\\xff"', what="contract text", error=ContractError)
    Traceback (most recent call last):
    ...
    slaclock.errors.ContractError: contract text is not UTF-8 text (byte 0xff at offset 8); save it as UTF-8
    """
    if len(data) > MAX_BYTES:
        raise error(f"{what} is over 1 MiB (the limit is {MAX_BYTES:,} bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(
            f"{what} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8"
        ) from None


# -- documents --------------------------------------------------------------------------------------


def parse_text(text: str, format: Format, *, what: str, error: type[SlaclockError], invalid: str | None = None) -> Any:
    """A TOML, JSON or YAML document parsed, within the limits of this module.

    Parameters
    ----------
    text : str
    format : {"toml", "json", "yaml"}
    what : str
        Names the document in messages ("contract", "arrangement file 'cn-2027.toml'").
    error : SlaclockError subclass
        Raised for every failure.
    invalid : str, optional
        Heads the message of text the parser refuses (default: "<what> is not valid <FORMAT>").

    Returns
    -------
    The parsed value (the caller checks its shape).

    Raises
    ------
    error
        Text longer than :data:`MAX_BYTES`, nested deeper than :data:`MAX_DEPTH`, a duplicate key, YAML
        aliases standing for more than :data:`MAX_NODES` values or for themselves, or text that is not
        valid in its format (with the parser's message, cut to a few hundred characters).
    ModuleNotFoundError
        YAML without PyYAML installed.

    Examples
    --------
    >>> from slaclock.errors import ContractError
    >>> parse_text('{"period": "24小时", "period": "999999日"}', "json", what="contract", error=ContractError)
    Traceback (most recent call last):
    ...
    slaclock.errors.ContractError: contract: the key 'period' appears twice in one object; give each key once
    >>> parse_text("a = " + "[" * 1000 + "]" * 1000, "toml", what="contract", error=ContractError)
    Traceback (most recent call last):
    ...
    slaclock.errors.ContractError: contract: arrays and tables nest deeper than 32 levels; ...
    """
    if not isinstance(text, str):
        raise error(f"{what} must be text; got {type(text).__name__}")
    if len(text) > MAX_BYTES:
        raise error(f"{what} is {len(text):,} characters long; the limit is {MAX_BYTES:,} (1 MiB)")
    try:
        if format == "yaml":
            return _yaml_document(text)
        if format == "json":
            import json  # here, not at the top: ``import slaclock`` needs neither parser

            _check_brackets(text, _JSON_SKIP)
            return json.loads(text, object_pairs_hook=_json_object)
        import tomllib

        _check_brackets(text, _TOML_SKIP)
        data = tomllib.loads(text)
        _check_depth(data)
        return data
    except _RefusedError as exc:
        raise error(f"{what}: {exc}") from None
    except ValueError as exc:
        # JSONDecodeError and TOMLDecodeError are ValueErrors, and so are the parsers' other refusals
        # (an integer of more than 4,300 digits, a YAML date such as 2025-13-45).
        raise error(f"{invalid or f'{what} is not valid {format.upper()}'}: {_clip(str(exc))}") from None


def _clip(message: str) -> str:
    return message if len(message) <= _MESSAGE else message[: _MESSAGE - 1] + "…"


_JSON_SKIP: Final = re.compile(r'"(?:[^"\\]++|\\.)*+"?', re.S)
_TOML_SKIP: Final = re.compile(
    r'"""(?:[^"\\]++|\\.|"(?!""))*+(?:"""(?:""?)?)?'  # multi-line basic strings
    r"|'''(?:[^']++|'(?!''))*+(?:'''(?:''?)?)?"  # multi-line literal strings
    r'|"(?:[^"\\\n]++|\\.)*+"?'  # basic strings
    r"|'[^'\n]*+'?"  # literal strings
    r"|#[^\n]*+",  # comments
    re.S,
)
_NOT_BRACKET: Final = re.compile(r"[^\[\]{}]++")
_STEP: Final = {"[": 1, "{": 1, "]": -1, "}": -1}


def _check_brackets(text: str, skip: re.Pattern[str]) -> None:
    """Refuse text whose brackets (outside strings and comments) nest deeper than :data:`MAX_DEPTH`."""
    brackets = _NOT_BRACKET.sub("", skip.sub("", text))
    if max(accumulate(map(_STEP.__getitem__, brackets)), default=0) > MAX_DEPTH:
        raise _RefusedError(_TOO_DEEP)


_TOO_DEEP: Final = (
    f"arrays and tables nest deeper than {MAX_DEPTH} levels; a contract or an arrangement file needs about 6"
)


def _check_depth(data: Any) -> None:
    """Refuse a parsed document nested deeper than :data:`MAX_DEPTH` (TOML's dotted keys nest without brackets)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        children: Iterator[Any]
        if isinstance(value, dict):
            children = iter(value.values())
        elif isinstance(value, list):
            children = iter(value)
        else:
            continue
        if depth > MAX_DEPTH:
            raise _RefusedError(_TOO_DEEP)
        stack.extend((child, depth + 1) for child in children)


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _RefusedError(f"the key {brief(key)} appears twice in one object; give each key once")
        out[key] = value
    return out


# -- YAML -------------------------------------------------------------------------------------------


def yaml_module() -> Any:
    """PyYAML, imported on first use; ``ModuleNotFoundError`` saying how to install it."""
    try:
        return importlib.import_module("yaml")
    except ModuleNotFoundError:
        raise ModuleNotFoundError(_YAML_HINT, name="yaml") from None


_LOADERS: dict[str, Any] = {}


def _yaml_loader(yaml: Any) -> Any:
    """PyYAML's safe loader (its C parser when built), refusing a key given twice in one mapping."""
    if "strict" in _LOADERS:
        return _LOADERS["strict"]
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    merge = "tag:yaml.org,2002:merge"

    class StrictLoader(base):  # type: ignore[misc,valid-type]
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            if isinstance(node, yaml.MappingNode):
                seen: set[Any] = set()
                for key_node, _ in node.value:
                    if key_node.tag == merge:
                        continue  # keys merged in with << are overridden by the mapping's own, by design
                    key = self.construct_object(key_node, deep=deep)
                    try:
                        repeated = key in seen
                        seen.add(key)
                    except TypeError:  # an unhashable key: the safe constructor refuses it, naming it
                        continue
                    if repeated:
                        raise _RefusedError(
                            f"the key {brief(key)} appears twice in one mapping (line {key_node.start_mark.line + 1})"
                            "; give each key once"
                        )
            return super().construct_mapping(node, deep)

    _LOADERS["strict"] = StrictLoader
    return StrictLoader


def _yaml_document(text: str) -> Any:
    """``yaml.load`` with the strict safe loader, after :func:`_yaml_bounds` has checked the event stream."""
    yaml = yaml_module()
    loader = _yaml_loader(yaml)
    text = str.__str__(text)  # a str subclass (whose methods may raise) would reach the C reader as is
    try:
        _yaml_bounds(yaml, text, loader)
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise ValueError(str(exc)) from None


def _yaml_bounds(yaml: Any, text: str, loader: Any) -> None:
    """Refuse YAML nested deeper than :data:`MAX_DEPTH` or holding more than :data:`MAX_NODES` values.

    Each alias counts as the values and the nesting of the node it names (known once that node is closed);
    an alias to a node still open (one that would hold itself) is refused.
    """
    # per open collection: [values so far, deepest child (levels below it), anchor]
    stack: list[list[Any]] = []
    anchors: dict[str, tuple[int, int]] = {}  # anchor -> (values, levels)

    def add(values: int, levels: int) -> None:
        if not stack:
            return
        frame = stack[-1]
        frame[0] += values
        frame[1] = max(frame[1], levels)
        if frame[0] > MAX_NODES:
            raise _RefusedError(
                f"the document holds more than {MAX_NODES:,} values once its YAML aliases are expanded; "
                "aliases (*name) may repeat a part, not multiply the document"
            )
        if len(stack) + levels > MAX_DEPTH:
            raise _RefusedError(_TOO_DEEP)

    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.ScalarEvent):
            if event.anchor is not None:
                anchors[event.anchor] = (1, 0)
            add(1, 0)
        elif isinstance(event, yaml.AliasEvent):
            known = anchors.get(event.anchor)
            if known is None:
                open_ = any(frame[2] == event.anchor for frame in stack)
                raise _RefusedError(
                    f"the YAML alias *{brief(event.anchor)[1:-1]} (line {event.start_mark.line + 1}) "
                    + ("refers to a node that holds it" if open_ else "names no anchor before it")
                )
            add(*known)
        elif isinstance(event, yaml.CollectionStartEvent):
            stack.append([1, 0, event.anchor])
            if len(stack) > MAX_DEPTH:
                raise _RefusedError(_TOO_DEEP)
        elif isinstance(event, yaml.CollectionEndEvent):
            values, below, anchor = stack.pop()
            if anchor is not None:
                anchors[anchor] = (values, below + 1)
            add(values, below + 1)
