"""``brief(value)``: a value as error messages show it, bounded whatever its size (never a huge repr)."""

from __future__ import annotations

import reprlib
from typing import Final

__all__ = ["brief"]

_SHORT: Final = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 60
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxset = _SHORT.maxdict = 4
_SHORT.maxlevel = 2


def brief(value: object) -> str:
    """``repr(value)`` shortened: long strings and reprs cut at 60 characters, long containers at 4 items.

    >>> brief("x" * 100)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxx...xxxxxxxxxxxxxxxxxxxxxxxxxxxx'"
    >>> brief(list(range(10**6)))
    '[0, 1, 2, 3, ...]'
    """
    return _SHORT.repr(value)
