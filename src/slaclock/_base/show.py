"""``brief(value)``: a value as error messages show it, bounded whatever its size (never a huge repr)."""

from __future__ import annotations

import datetime as dt
import reprlib
from typing import Any, Final

__all__ = ["brief", "inline", "path_text", "position", "strf"]

_BITS: Final = 600
"""Integers longer than this many bits (about 180 digits) are described, not written out."""


class _Short(reprlib.Repr):
    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > _BITS:  # repr() of a 5,000-digit int raises, and a long one says nothing
            return f"<int of about {int(x.bit_length() * 0.30103) + 1:,} digits>"
        return super().repr_int(x, level)

    def repr_instance(self, x: Any, level: int) -> str:
        try:
            return super().repr_instance(x, level)
        except Exception:  # a broken __repr__ must not hide the error being reported
            return f"<{type(x).__name__} object>"


_SHORT: Final = _Short()
_SHORT.maxstring = _SHORT.maxother = 60
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxset = _SHORT.maxdict = 4
_SHORT.maxlevel = 2


def strf(x: dt.date, fmt: str) -> str:
    """``x.strftime(fmt)`` with ``%Y`` always four digits, as ISO 8601 writes it (glibc writes the year 1 as ``1``).

    >>> import datetime as dt
    >>> strf(dt.datetime(1, 1, 1, 10, 0), "%Y-%m-%d %H:%M"), strf(dt.date(2026, 3, 2), "%Y%m%d")
    ('0001-01-01 10:00', '20260302')
    """
    return x.strftime(fmt.replace("%Y", f"{x.year:04d}"))


def inline(text: object, limit: int = 60) -> str:
    r"""Text for one line of a repr: characters that are not printable (a newline, a direction override U+202E)
    escaped, and at most ``limit`` characters, cut with an ellipsis.

    >>> print(inline("awaiting\ncustomer"), inline("\u202eevil"), inline("x" * 100, 10))
    awaiting\ncustomer \u202eevil xxxxxxxxx…
    """
    s = str(text)[: limit * 2]  # enough for the shown part; a huge text is never escaped whole
    shown = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in s)
    return shown if len(shown) <= limit and len(str(text)) <= len(s) else shown[: limit - 1] + "…"


def path_text(path: object) -> str:
    """A file path as a message shows it: quoted, whole up to 240 characters, then cut in the middle.

    >>> path_text("/data/contracts/desk.toml")
    "'/data/contracts/desk.toml'"
    """
    text = str(path)
    return repr(text if len(text) <= 240 else text[:119] + "..." + text[-118:])


def position(i: int, shape: tuple[int, ...]) -> int | tuple[int, ...]:
    """Where flat index ``i`` of an array of ``shape`` lies, as an error names it: the index itself in one
    dimension (or none), else its index in each.

    >>> position(5, (10,)), position(5, (2, 3))
    (5, (1, 2))
    """
    if len(shape) <= 1:
        return i
    where = []
    for n in reversed(shape):
        i, k = divmod(i, n)
        where.append(k)
    return tuple(reversed(where))


def brief(value: object) -> str:
    """``repr(value)`` shortened to at most about 150 characters, with the type and size of what was cut.

    Strings and other reprs are cut at 60 characters, containers at 4 items, nesting at 2 levels,
    integers past ~180 digits are described by their length; a value that was cut says its type and
    length, so the message still tells what was passed.

    >>> brief("x" * 100)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxx...xxxxxxxxxxxxxxxxxxxxxxxxxxxx' (str of 100 characters)"
    >>> brief(list(range(10**6)))
    '[0, 1, 2, 3, ...] (list of 1,000,000 items)'
    >>> brief(10**5000)
    '<int of about 5,001 digits>'
    >>> brief("5个工作日"), brief([1, 2])
    ("'5个工作日'", '[1, 2]')
    """
    text = _SHORT.repr(value)
    if isinstance(value, (str, bytes)):
        if len(value) > _SHORT.maxstring:
            text += f" ({type(value).__name__} of {len(value):,} characters)"
    elif isinstance(value, (list, tuple, set, frozenset, dict)) and len(value) > _SHORT.maxlist:
        text += f" ({type(value).__name__} of {len(value):,} items)"
    return text
