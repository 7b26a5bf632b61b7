"""Text folded for reading (NFKC: full-width digits and letters as ASCII), without reading other digits.

NFKC also turns a superscript ² into 2, a subscript ₅ into 5, a circled ⑳ into 20, ½ into 1⁄2 and the telegraph
symbol ㏠ ("day 1") into 1日: folded whole, "1²日" would read as 12 days and "万分之⁵" as a rate. Contracts write
full-width digits (３０日); the others are not amounts, so :func:`fold` keeps them as they are, for the reader to
refuse as it refuses any unknown character.
"""

from __future__ import annotations

import functools
import unicodedata

__all__ = ["fold"]


def fold(text: str) -> str:
    """``text`` NFKC-normalised, except the characters NFKC would turn into digits other than full-width ones.

    >>> fold("３０日"), fold("1²日"), fold("⑳日")
    ('30日', '1²日', '⑳日')
    """
    if text.isascii():
        return text
    if not any(_kept(c) for c in text):
        return unicodedata.normalize("NFKC", text)
    out: list[str] = []
    run = 0
    for i, c in enumerate(text):
        if _kept(c):
            out += (unicodedata.normalize("NFKC", text[run:i]), c)
            run = i + 1
    out.append(unicodedata.normalize("NFKC", text[run:]))
    return "".join(out)


@functools.lru_cache(maxsize=4_096)
def _kept(c: str) -> bool:
    """Whether NFKC would make digits of ``c``, a character that is neither an ASCII nor a full-width digit."""
    if c.isascii() or "\uff10" <= c <= "\uff19":
        return False
    return any("0" <= x <= "9" for x in unicodedata.normalize("NFKC", c))
